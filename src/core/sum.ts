/**
 * Compensated summation (Neumaier's improvement of Kahan summation: A. Neumaier,
 * Z. Angew. Math. Mech. 54 (1974) 39). A cross section is a sum of millions of small weights.
 */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }

  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}

/** Compensated sum of the first `length` entries of an array. */
export function fsum(values: ArrayLike<number>, length = values.length): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < length; i++) acc.add(values[i]!);
  return acc.value;
}
