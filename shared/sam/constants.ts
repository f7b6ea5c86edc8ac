/** Longest side of the encoder input; the decoder's point frame is this square. */
export const IMG_SIZE = 1024;
/** Side of SAM's low-res logits (`low_res_masks`, `mask_input`). */
export const LOW_RES_SIZE = 256;
/** Logits above this are inside the mask (SamPredictor.mask_threshold). */
export const MASK_THRESHOLD = 0;
/** Offset used by SAM's stability score (SamAutomaticMaskGenerator.stability_score_offset). */
export const STABILITY_SCORE_OFFSET = 1.0;
/** Bumped whenever image decoding/resizing changes, so cached embeddings of the old pipeline are never reused. */
export const PREPROCESS_VERSION = 1;
