import type { LabelSelector, Labels } from '../model';

const has = (labels: Labels, key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key);

/**
 * metav1.LabelSelector semantics: every matchLabels pair must be present AND every
 * matchExpression must hold. In: the key exists with one of the values; NotIn: the key is absent
 * or its value is none of the values; Exists / DoesNotExist: the key is present / absent.
 * An empty selector `{}` selects everything.
 */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const ml = selector.matchLabels;
  if (ml) {
    for (const key of Object.keys(ml)) {
      if (!has(labels, key) || labels[key] !== ml[key]) return false;
    }
  }
  for (const req of selector.matchExpressions ?? []) {
    const present = has(labels, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (!present || !values.includes(labels[req.key]!)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(labels[req.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        // An operator the API server rejects: such a policy never reaches the engine, but the
        // engine is total, so an unknown operator selects nothing.
        return false;
    }
  }
  return true;
}

/** Label keys a selector reads (matchLabels and every expression). */
export function selectorKeys(selector: LabelSelector): string[] {
  return [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((r) => r.key)];
}

/** A stable text for a selector, to cache its results. */
export function selectorKey(selector: LabelSelector): string {
  const ml = selector.matchLabels ?? {};
  const labels = Object.keys(ml)
    .sort()
    .map((k) => `${k}=${ml[k]}`);
  const exprs = (selector.matchExpressions ?? []).map(
    (r) => `${r.key} ${r.operator} (${[...(r.values ?? [])].sort().join(',')})`,
  );
  return JSON.stringify([labels, exprs.sort()]);
}
