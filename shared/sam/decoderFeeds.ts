// PLACEHOLDER: the shared/sam helper replaces this file; the interface below is the contract.
import type { Size } from './coords.js';

/** Decoder inputs with the ONNX names verbatim (official export_onnx_model.py contract). */
export interface DecoderFeeds {
  /** [1, N, 2] (x, y) in the 1024 model frame. */
  readonly point_coords: Float32Array;
  /** [1, N] 1 fg, 0 bg, 2/3 box corners, -1 padding. */
  readonly point_labels: Float32Array;
  /** [1, 1, S, S] low-res logits from an earlier call, zeros when none. */
  readonly mask_input: Float32Array;
  /** [1] 1 when mask_input is used. */
  readonly has_mask_input: Float32Array;
  /** [2] (H, W) of the original image. */
  readonly orig_im_size: Float32Array;
  readonly numPoints: number;
  readonly origSize: Size;
}
