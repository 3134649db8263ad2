import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  // Timestamped migration files (20261129103000_name.sql), readable and ordered.
  migrations: { prefix: 'timestamp' },
});
