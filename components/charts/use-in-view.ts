'use client';

import { useEffect, useState, type RefObject } from 'react';

// One shared observer for every row: with hundreds of monitors only the rows near the
// viewport pay for a chart, and the first view stays fast.
let observer: IntersectionObserver | null = null;
const callbacks = new WeakMap<Element, () => void>();

function sharedObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        callbacks.get(e.target)?.();
        observer?.unobserve(e.target);
        callbacks.delete(e.target);
      }
    },
    { rootMargin: '300px 0px' },
  );
  return observer;
}

/** True once the element has come near the viewport; it stays true. */
export function useSeen(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const obs = sharedObserver();
    callbacks.set(el, () => setSeen(true));
    obs.observe(el);
    return () => {
      obs.unobserve(el);
      callbacks.delete(el);
    };
  }, [ref, seen]);
  return seen;
}
