/** Execution providers onnxruntime-node knows; which ones load depends on the machine and the install. */
export const PROVIDERS = ['cpu', 'cuda', 'tensorrt', 'dml', 'coreml', 'webgpu'] as const;
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
