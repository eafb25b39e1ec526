'use client';

import { useEffect, useRef, useState, type RefObject } from 'react';

/** The first of the theme's CSS variables that is set where the element is drawn. */
export function themeColor(
  element: Element,
  variables: string | readonly string[],
  fallback: string,
): string {
  const style = getComputedStyle(element);
  for (const variable of typeof variables === 'string' ? [variables] : variables) {
    const value = style.getPropertyValue(variable).trim();
    if (value) return value;
  }
  return fallback;
}

/**
 * A canvas sized to its box in device pixels. Returns its ref and a counter that changes when it
 * must be redrawn: a new size, or the system switching between light and dark.
 */
export function useCanvasSurface(): {
  ref: RefObject<HTMLCanvasElement | null>;
  size: { width: number; height: number };
  theme: number;
} {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [theme, setTheme] = useState(0);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const measure = () => {
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      setSize((current) =>
        current.width === width && current.height === height ? current : { width, height },
      );
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(canvas);
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const redraw = () => setTheme((n) => n + 1);
    scheme?.addEventListener?.('change', redraw);
    return () => {
      observer?.disconnect();
      scheme?.removeEventListener?.('change', redraw);
    };
  }, []);

  return { ref, size, theme };
}

/** The 2D context scaled so that drawing is in CSS pixels, or null where there is no canvas support. */
export function prepareContext(
  canvas: HTMLCanvasElement,
  size: { width: number; height: number },
): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(size.width * ratio));
  canvas.height = Math.max(1, Math.round(size.height * ratio));
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, size.width, size.height);
  return context;
}
