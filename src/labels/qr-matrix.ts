import { create } from "qrcode";
import type { ErrorCorrection } from "./label-qr.js";

/** A QR symbol's modules, row by row: 1 dark, 0 light; `size` modules a side (quiet zone not included). */
export interface QrMatrix {
  size: number;
  dark: Uint8Array;
}

/**
 * The symbol `qrcode` makes for `text` in byte mode, computed about ten times faster: `qrcode` spends nine tenths of a
 * symbol choosing its mask (eight masked copies, each scored module by module through method calls). Here the
 * symbol is built once with mask 0, unmasked, and the eight masks are scored on typed arrays by the same rules
 * (ISO/IEC 18004 §7.8.3, as `qrcode`'s mask-pattern.js scores them, ties to the lower mask); the result equals
 * `qrcode`'s own symbol module for module (test/unit/labels/qr-matrix.test.ts).
 */
export function qrMatrix(text: string, errorCorrection: ErrorCorrection, version?: number): QrMatrix {
  const symbol = create([{ data: Buffer.from(text, "utf8"), mode: "byte" }], {
    errorCorrectionLevel: errorCorrection,
    maskPattern: 0,
    ...(version === undefined ? {} : { version }),
  });
  const { size, data, reservedBit } = symbol.modules;
  const masks = masksOf(size);
  const unmasked = new Uint8Array(size * size);
  const mask0 = masks[0] as Uint8Array;
  for (let i = 0; i < unmasked.length; i++) unmasked[i] = reservedBit[i] ? (data[i] as number) : data[i]! ^ mask0[i]!;
  const candidate = new Uint8Array(size * size);
  let best = 0;
  let lowest = Infinity;
  for (let pattern = 0; pattern < 8; pattern++) {
    applyMask(unmasked, reservedBit, masks[pattern] as Uint8Array, candidate);
    writeFormat(candidate, size, formatBits(errorCorrection, pattern));
    const score = penalty(candidate, size);
    if (score < lowest) {
      lowest = score;
      best = pattern;
    }
  }
  applyMask(unmasked, reservedBit, masks[best] as Uint8Array, candidate);
  writeFormat(candidate, size, formatBits(errorCorrection, best));
  return { size, dark: candidate };
}

/** `qrcode`'s own symbol (it chooses the mask itself), for the test that the two agree. */
export function qrcodeMatrix(text: string, errorCorrection: ErrorCorrection, version?: number): QrMatrix {
  const symbol = create([{ data: Buffer.from(text, "utf8"), mode: "byte" }], {
    errorCorrectionLevel: errorCorrection,
    ...(version === undefined ? {} : { version }),
  });
  return { size: symbol.modules.size, dark: Uint8Array.from(symbol.modules.data) };
}

function applyMask(unmasked: Uint8Array, reserved: Uint8Array, mask: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i < out.length; i++) out[i] = reserved[i] ? unmasked[i]! : unmasked[i]! ^ mask[i]!;
}

const maskCache = new Map<number, Uint8Array[]>();

/** The eight mask patterns over a symbol of `size` (1 where the mask flips a module). */
function masksOf(size: number): Uint8Array[] {
  let masks = maskCache.get(size);
  if (masks) return masks;
  masks = Array.from({ length: 8 }, (_, pattern) => {
    const mask = new Uint8Array(size * size);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) mask[i * size + j] = maskAt(pattern, i, j) ? 1 : 0;
    }
    return mask;
  });
  maskCache.set(size, masks);
  return masks;
}

function maskAt(pattern: number, i: number, j: number): boolean {
  switch (pattern) {
    case 0:
      return (i + j) % 2 === 0;
    case 1:
      return i % 2 === 0;
    case 2:
      return j % 3 === 0;
    case 3:
      return (i + j) % 3 === 0;
    case 4:
      return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5:
      return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6:
      return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default:
      return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

const ECL_BITS: Readonly<Record<ErrorCorrection, number>> = { L: 1, M: 0, Q: 3, H: 2 };
const G15 = 0b10100110111;
const G15_MASK = 0b101010000010010;

function bchDigits(value: number): number {
  let digits = 0;
  for (let v = value; v !== 0; v >>>= 1) digits++;
  return digits;
}

/** The 15 format bits for an error correction level and mask (BCH(15,5), masked). */
function formatBits(errorCorrection: ErrorCorrection, pattern: number): number {
  const data = (ECL_BITS[errorCorrection] << 3) | pattern;
  let d = data << 10;
  while (bchDigits(d) - bchDigits(G15) >= 0) d ^= G15 << (bchDigits(d) - bchDigits(G15));
  return ((data << 10) | d) ^ G15_MASK;
}

/** Places the format bits where `qrcode`'s setupFormatInfo does, and the fixed dark module. */
function writeFormat(m: Uint8Array, size: number, bits: number): void {
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    m[row * size + 8] = bit;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    m[8 * size + col] = bit;
  }
  m[(size - 8) * size + 8] = 1;
}

/** N1 + N2 + N3 + N4 exactly as `qrcode` scores a masked symbol. */
function penalty(m: Uint8Array, size: number): number {
  let n1 = 0;
  let n3 = 0;
  for (let a = 0; a < size; a++) {
    let runRow = 0;
    let runCol = 0;
    let lastRow = -1;
    let lastCol = -1;
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b++) {
      const inRow = m[a * size + b]!;
      const inCol = m[b * size + a]!;
      if (inRow === lastRow) runRow++;
      else {
        if (runRow >= 5) n1 += 3 + (runRow - 5);
        lastRow = inRow;
        runRow = 1;
      }
      if (inCol === lastCol) runCol++;
      else {
        if (runCol >= 5) n1 += 3 + (runCol - 5);
        lastCol = inCol;
        runCol = 1;
      }
      bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
      bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
      if (b >= 10) {
        if (bitsRow === 0x5d0 || bitsRow === 0x05d) n3++;
        if (bitsCol === 0x5d0 || bitsCol === 0x05d) n3++;
      }
    }
    if (runRow >= 5) n1 += 3 + (runRow - 5);
    if (runCol >= 5) n1 += 3 + (runCol - 5);
  }
  let n2 = 0;
  for (let row = 0; row < size - 1; row++) {
    const top = row * size;
    const bottom = top + size;
    for (let col = 0; col < size - 1; col++) {
      const sum = m[top + col]! + m[top + col + 1]! + m[bottom + col]! + m[bottom + col + 1]!;
      if (sum === 4 || sum === 0) n2++;
    }
  }
  let dark = 0;
  for (let i = 0; i < m.length; i++) dark += m[i]!;
  const k = Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10);
  return n1 + n2 * 3 + n3 * 40 + k * 10;
}
