"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

/**
 * The confirmation after an action. It lives in the layout, so it survives the page refresh
 * that follows a change (the form that was used is often gone by then).
 */
const FlashContext = createContext<(message: string) => void>(() => {});
export const useFlash = () => useContext(FlashContext);

export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<{ text: string; at: number } | null>(null);
  const flash = useCallback((text: string) => setMessage({ text, at: Date.now() }), []);
  return (
    <FlashContext.Provider value={flash}>
      <div aria-live="polite" className="sticky top-0 z-10">
        {message && (
          <div key={message.at} role="status" className="mx-auto flex max-w-6xl items-center justify-between gap-3 border-b border-emerald-200 bg-emerald-50 px-4 py-2.5 text-sm text-emerald-900">
            <span data-testid="flash">{message.text}</span>
            <button type="button" onClick={() => setMessage(null)} className="min-h-8 px-2 text-emerald-800" aria-label="关闭提示">
              ×
            </button>
          </div>
        )}
      </div>
      {children}
    </FlashContext.Provider>
  );
}
