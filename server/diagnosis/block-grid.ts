import "server-only";

/**
 * Block-grid geometry shared by the mosaic and garbled checks. A decoder's blocks sit on a
 * grid of the source frame; on the work plane (a power-of-two reduction, decode.ts) a source block of s px
 * spans s / factor work-plane px, which need not be a whole number. A boundary at work-plane position b
 * (pixel i covers [i, i + 1)) falls on the step between pixels b - 1 and b when b is whole, and is split
 * over the two steps around pixel floor(b) when it is not.
 */

/**
 * Classifies each step index j (between pixels j and j + 1, at position j + 1) of a line of `length` pixels for
 * a grid of period `period` and phase `phase` (work-plane px): 1 on a boundary, 0 well inside a block (at
 * least one pixel from every boundary), -1 in between (a boundary's blurred neighbour, counted as neither).
 */
export function gridClasses(length: number, period: number, phase: number): Int8Array {
  const classes = new Int8Array(length - 1).fill(0);
  for (let j = 0; j < length - 1; j++) {
    const position = j + 1;
    const offset = (((position - phase) % period) + period) % period;
    const distance = Math.min(offset, period - offset);
    if (distance < 0.75) classes[j] = 1;
    else if (distance < 1.5) classes[j] = -1;
  }
  return classes;
}
