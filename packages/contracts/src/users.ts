import { z } from 'zod';
import { RegionCodeSchema } from './common.ts';

/** admin = Bappeda; mentor = belongs to an OPD; operator = kelurahan staff; viewer = mayor/leadership. */
export const RoleSchema = z.enum(['admin', 'mentor', 'operator', 'viewer', 'supervisor']);
export type Role = z.infer<typeof RoleSchema>;

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  opdId: z.number().int().nullable(),
  opdName: z.string().nullable(),
  villageCode: RegionCodeSchema.nullable(),
  villageName: z.string().nullable(),
  nip: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const PasswordSchema = z
  .string()
  .min(10, 'Kata sandi minimal 10 karakter')
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), 'Kata sandi harus memuat huruf dan angka');

export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis');

export const UserInputSchema = z
  .object({
    username: UsernameSchema,
    fullName: z.string().trim().min(2).max(200),
    role: RoleSchema,
    opdId: z.number().int().positive().nullable().optional(),
    villageCode: RegionCodeSchema.nullable().optional(),
    nip: z
      .string()
      .trim()
      .regex(/^$|^\d{18}$/, 'NIP harus 18 digit')
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .optional(),
    email: z.string().trim().max(200).nullable().optional(),
    phone: z.string().trim().max(30).nullable().optional(),
    password: PasswordSchema,
  })
  .superRefine((u, ctx) => {
    if (u.role === 'mentor' && !u.opdId)
      ctx.addIssue({ code: 'custom', path: ['opdId'], message: 'Pendamping harus terdaftar pada satu OPD' });
    if (u.role === 'operator' && !u.villageCode)
      ctx.addIssue({ code: 'custom', path: ['villageCode'], message: 'Operator harus terdaftar pada satu kelurahan' });
  });
export type UserInput = z.input<typeof UserInputSchema>;

export const UserPatchSchema = z.object({
  fullName: z.string().trim().min(2).max(200).optional(),
  opdId: z.number().int().positive().nullable().optional(),
  villageCode: RegionCodeSchema.nullable().optional(),
  nip: z.string().trim().max(18).nullable().optional(),
  email: z.string().trim().max(200).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
});

export const ResetPasswordSchema = z.object({ newPassword: PasswordSchema });

export const LoginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Isi nama pengguna').max(100),
  password: z.string().min(1, 'Isi kata sandi').max(200),
});

export const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1), newPassword: PasswordSchema })
  .refine((o) => o.currentPassword !== o.newPassword, {
    message: 'Kata sandi baru harus berbeda',
    path: ['newPassword'],
  });

export const MeSchema = z.object({
  user: UserSchema,
  /** Villages this user may work on now (mentor: via active pairings; operator: their own). */
  villageCodes: z.array(z.string()),
});
export type Me = z.infer<typeof MeSchema>;
