import { createRequire } from 'node:module';

/** The small part of opencv.js the grabCut reference uses (its bundled typings are not strict-clean). */
export interface CvMat {
  readonly data: Uint8Array;
  delete(): void;
}

export interface OpenCv {
  Mat: new () => CvMat;
  Rect: new (x: number, y: number, width: number, height: number) => object;
  matFromArray(rows: number, cols: number, type: number, array: ArrayLike<number>): CvMat;
  grabCut(img: CvMat, mask: CvMat, rect: object, bgd: CvMat, fgd: CvMat, iterCount: number, mode: number): void;
  readonly CV_8UC1: number;
  readonly CV_8UC3: number;
  readonly GC_INIT_WITH_MASK: number;
  readonly GC_BGD: number;
  readonly GC_FGD: number;
  readonly GC_PR_BGD: number;
  readonly GC_PR_FGD: number;
}

let loading: Promise<{ cv: OpenCv }> | null = null;

/**
 * Loads the opencv.js wasm build once (about 1 s); dev dependency, used by tests and benchmarks only.
 * The module object is wrapped: it has an Emscripten `then` that resolves to itself, so awaiting it bare never ends.
 */
export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise((resolve) => {
    const cv = createRequire(import.meta.url)('@techstark/opencv-js') as OpenCv & { onRuntimeInitialized?: () => void };
    if (typeof cv.Mat === 'function') resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
  return loading;
}
