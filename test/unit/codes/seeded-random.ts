import { type RandomSource } from "../../../src/codes/trace-code-generate.js";

/** Deterministic xorshift32 byte source, so generated sample codes are the same on every run. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0 || 1;
  return (bytes) => {
    const out = new Uint8Array(bytes);
    for (let index = 0; index < bytes; index++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out[index] = state & 0xff;
    }
    return out;
  };
}
