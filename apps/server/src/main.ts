import { serve } from './serve.ts';

await serve({ demo: process.env.DEMO === 'true' });
