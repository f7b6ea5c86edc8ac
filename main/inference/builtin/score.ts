import type { PreparedImage } from './prepare.js';

/** What the model can see of a candidate's quality without knowing the object. */
export interface CandidateFeatures {
  /** Mean exp(−β‖ΔLab‖²) over the pixel pairs the outline crosses: 0 = outline on colour edges, 1 = through flat colour. */
  readonly boundaryFlatness: number;
  /** 1 − Bhattacharyya coefficient of the inside and outside palette histograms: 0 = same colours, 1 = disjoint. */
  readonly separation: number;
  /** Share of the image inside the candidate. */
  readonly areaFraction: number;
}

export function candidateFeatures(prep: PreparedImage, mask: Uint8Array): CandidateFeatures {
  const { adjStart, adjNode, adjWeight, adjLength } = prep.graph;
  let flat = 0;
  let length = 0;
  let area = 0;
  const inside = new Float64Array(prep.paletteSize);
  const outside = new Float64Array(prep.paletteSize);
  for (let r = 0; r < prep.count; r++) {
    const hist = mask[r] ? inside : outside;
    for (let e = prep.histStart[r]; e < prep.histStart[r + 1]; e++) hist[prep.histBin[e]] += prep.histCount[e];
    if (!mask[r]) continue;
    area += prep.size[r];
    for (let e = adjStart[r]; e < adjStart[r + 1]; e++) {
      if (mask[adjNode[e]]) continue;
      flat += adjWeight[e];
      length += adjLength[e];
    }
  }
  return {
    boundaryFlatness: length > 0 ? flat / length : 1,
    separation: 1 - bhattacharyya(inside, outside),
    areaFraction: area / (prep.width * prep.height),
  };
}

function bhattacharyya(a: Float64Array, b: Float64Array): number {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    sa += a[i];
    sb += b[i];
  }
  if (sa === 0 || sb === 0) return 1;
  let bc = 0;
  for (let i = 0; i < a.length; i++) bc += Math.sqrt((a[i] / sa) * (b[i] / sb));
  return bc;
}
