import { z } from 'zod';

/**
 * models/catalog.json: SAM-family ONNX models pinned to a revision (see docs/MODELS.md and the research
 * catalog it was built from). `contract` names the family adapter that runs the pair.
 */
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const tensorSchema = z.object({
  name: z.string().min(1),
  dtype: z.string().min(1),
  shape: z.array(z.union([z.number().int(), z.string()])).optional(),
});

const graphSchema = z.object({ inputs: z.array(tensorSchema), outputs: z.array(tensorSchema) });

export const catalogFileSchema = z.object({
  role: z.enum(['encoder', 'decoder', 'archive']),
  /** File name on disk and on a mirror (the last segment of the URL). */
  name: z.string().regex(/^[A-Za-z0-9._-]+$/),
  url: z.string().url().startsWith('https://'),
  /** Bytes and sha256 where a public source pinned them; null means "unverified until first download". */
  size: z.number().int().positive().nullable(),
  sha256: sha256.nullable(),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

export const catalogEntrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
    family: z.string().min(1),
    contract: z.string().min(1),
    name: z.string().min(1),
    license: z.string().min(1),
    nonCommercial: z.boolean(),
    /** Masks the decoder returns (1, 3 or 4); null where not verified: read from the graph at load. */
    maskCount: z.union([z.literal(1), z.literal(3), z.literal(4)]).nullable(),
    revision: z.string().nullable(),
    pinGrade: z.string().nullable(),
    files: z.array(catalogFileSchema).min(1),
    /** Inside an archive: which members are the encoder and decoder. */
    archiveMembers: z.object({ encoder: z.string().min(1), decoder: z.string().min(1) }).optional(),
    tensors: z.object({ encoder: graphSchema, decoder: graphSchema }),
    note: z.string().optional(),
  })
  .superRefine((entry, ctx) => {
    const roles = entry.files.map((f) => f.role).sort().join(',');
    const archive = roles === 'archive' && entry.archiveMembers !== undefined;
    if (!archive && roles !== 'decoder,encoder') {
      ctx.addIssue({ code: 'custom', message: `${entry.id}: files must be one encoder + one decoder, or one archive with archiveMembers` });
    }
  });
export type CatalogEntry = z.infer<typeof catalogEntrySchema>;

export const catalogSchema = z
  .object({
    schemaVersion: z.literal(1),
    source: z.string(),
    defaultModel: z.string(),
    models: z.array(catalogEntrySchema).min(1),
  })
  .superRefine((cat, ctx) => {
    const ids = cat.models.map((m) => m.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `duplicate model id ${dup}` });
    if (!ids.includes(cat.defaultModel)) ctx.addIssue({ code: 'custom', message: `defaultModel ${cat.defaultModel} is not in the catalog` });
  });
export type Catalog = z.infer<typeof catalogSchema>;

/** A file whose expected hash is known: from the catalog, or recorded at the first download. */
export function isPinned(file: CatalogFile): boolean {
  return file.sha256 !== null;
}
