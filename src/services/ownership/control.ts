import type { WeightedEdge } from './look-through.js';

export interface ControlAnswer {
  controller: string | null;
  /** From the controller down to the company, through the companies it controls. */
  chain: string[];
  reason: string;
}

/** Companies x controls: y is controlled when x's votes in y plus those of companies x controls exceed 50%. */
export function controlledBy(x: string, votes: readonly WeightedEdge[]): Set<string> {
  const controlled = new Set<string>();
  const companies = [...new Set(votes.map((e) => e.company))].sort();
  let changed = true;
  while (changed) {
    changed = false;
    for (const y of companies) {
      if (y === x || controlled.has(y)) continue;
      const total = votes.filter((e) => e.company === y && (e.holder === x || controlled.has(e.holder))).reduce((sum, e) => sum + e.share, 0);
      if (total > 0.5 + 1e-12) {
        controlled.add(y);
        changed = true;
      }
    }
  }
  return controlled;
}

function chainTo(from: string, to: string, votes: readonly WeightedEdge[], controlled: Set<string>): string[] {
  // Shortest chain of voting stakes through controlled companies, found breadth-first in id order.
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) break;
    for (const e of votes.filter((v) => v.holder === node).sort((a, b) => (a.company < b.company ? -1 : 1))) {
      if (seen.has(e.company) || !(controlled.has(e.company) || e.company === to)) continue;
      seen.add(e.company);
      previous.set(e.company, node);
      queue.push(e.company);
    }
  }
  const chain = [to];
  while (chain[0] !== from && previous.has(chain[0]!)) chain.unshift(previous.get(chain[0]!)!);
  return chain;
}

const pct = (share: number) => `${Number((share * 100).toFixed(4))}%`;

/**
 * The ultimate controller of a company by voting rights: the holder that controls it (> 50% of the votes,
 * directly or through companies it controls) and is itself controlled by no one. Order-independent:
 * candidates and companies are visited in id order and control is a fixpoint.
 */
export function ultimateController(company: string, votes: readonly WeightedEdge[], names: (id: string) => string = (id) => id): ControlAnswer {
  const holders = [...new Set(votes.map((e) => e.holder))].filter((h) => h !== company).sort();
  const control = new Map(holders.map((h) => [h, controlledBy(h, votes)]));
  const candidates = holders.filter((h) => control.get(h)!.has(company));
  if (candidates.length === 0) {
    const direct = votes.filter((e) => e.company === company && e.share > 0).sort((a, b) => b.share - a.share || (a.holder < b.holder ? -1 : 1));
    const largest = direct[0];
    return {
      controller: null,
      chain: [],
      reason: largest
        ? `No holder has more than 50% of the votes, directly or through companies it controls; the largest direct voting stake is ${names(largest.holder)}'s ${pct(largest.share)}`
        : 'No stake with voting rights in this company is recorded on that day',
    };
  }
  const ultimate = candidates.filter((x) => !candidates.some((y) => y !== x && control.get(y)!.has(x)));
  if (ultimate.length !== 1) {
    return {
      controller: null,
      chain: [],
      reason: `Control is circular: ${candidates.map(names).join(', ')} control one another, so no single ultimate controller exists`,
    };
  }
  const controller = ultimate[0]!;
  return {
    controller,
    chain: chainTo(controller, company, votes, control.get(controller)!),
    reason: `${names(controller)} holds more than 50% of the votes, directly or through companies it controls, and no one controls ${names(controller)}`,
  };
}
