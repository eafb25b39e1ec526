'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints.ts';
import type { UploadLimits } from '../api/api-types.ts';

/**
 * The gateway's upload limits, asked for once when the upload form opens. `limits` is null until
 * they arrive; `whenKnown()` waits for them and gives null if the gateway could not say, in which
 * case the gateway's own checks refuse an oversized file when it is sent.
 */
export function useUploadLimits(): {
  limits: UploadLimits | null;
  whenKnown: () => Promise<UploadLimits | null>;
} {
  const request = useRef<Promise<UploadLimits | null> | null>(null);
  const [limits, setLimits] = useState<UploadLimits | null>(null);
  const whenKnown = useCallback(() => {
    request.current ??= api.uploadLimits().then(
      (known) => {
        setLimits(known);
        return known;
      },
      () => {
        request.current = null; // ask again next time
        return null;
      },
    );
    return request.current;
  }, []);
  useEffect(() => {
    void whenKnown();
  }, [whenKnown]);
  return { limits, whenKnown };
}
