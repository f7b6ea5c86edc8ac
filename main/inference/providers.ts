/** Execution providers onnxruntime-node knows; which ones load depends on the machine and the install. */
export const PROVIDERS = ['auto', 'cpu', 'cuda', 'tensorrt', 'dml', 'coreml', 'webgpu'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface RuntimeOptions {
  readonly provider: Provider;
  /** intra-op threads; 0 lets onnxruntime choose. */
  readonly threads: number;
}

export const DEFAULT_RUNTIME: RuntimeOptions = { provider: 'cpu', threads: 0 };

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

/** What `auto` tries, in order, before CPU: the GPU providers onnxruntime-node ships for this platform. */
export function autoProviders(platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') return ['coreml'];
  if (platform === 'win32') return ['cuda', 'dml'];
  if (platform === 'linux') return ['cuda'];
  return [];
}
