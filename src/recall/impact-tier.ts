/** CERTAIN: reached over instance-level edges only; POSSIBLE: only through a commingled (quantity) input. */
export const ImpactTier = {
  CERTAIN: "CERTAIN",
  POSSIBLE: "POSSIBLE",
} as const;
export type ImpactTier = (typeof ImpactTier)[keyof typeof ImpactTier];
