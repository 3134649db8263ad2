import type { Role } from '@dampingan/contracts';

/** Who is acting: the logged-in user, passed explicitly to every service call. */
export interface Actor {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  opdId: number | null;
  villageCode: string | null;
  sessionId: string;
  ip: string | null;
}

/** The CLI and seeds act as the system (audited with actor_id null and a reason). */
export const SYSTEM: Actor = {
  id: 0,
  username: 'system',
  fullName: 'System',
  role: 'admin',
  opdId: null,
  villageCode: null,
  sessionId: '',
  ip: null,
};

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
