/**
 * The app's settings file schema: what JsonFileSettingsStore (serve, tests) validates on every read, so a
 * hand-edited or older file degrades to defaults instead of breaking start-up. Electron keeps the same
 * keys in electron-store.
 */
import { z } from 'zod';
import type { AppSettingsFile } from './appServices.js';

export const appSettingsFileSchema: z.ZodType<Partial<AppSettingsFile>> = z.object({
  settings: z
    .object({
      precomputeAhead: z.number().int().min(0).max(1000),
      hoverPreview: z.boolean(),
      hoverDelayMs: z.number().int().min(0).max(5000),
    })
    .optional(),
  recentProjects: z.array(z.object({ folder: z.string(), name: z.string(), openedAt: z.number().int().nonnegative() })).max(100).optional(),
});

export const APP_SETTINGS_FILE = 'app-settings.json';
