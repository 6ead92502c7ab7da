/**
 * A bounded queue for heavy work on the server (parsing an uploaded file, a LibreOffice
 * conversion): at most `running` jobs at once, at most `waiting` more in line. A job beyond that is
 * not started at all (the caller gets `null` and tells the user to come back), so a crowd of
 * uploads cannot pile up memory or threads without end.
 */
export function queue(running: number, waiting: number) {
  let active = 0;
  const line: (() => void)[] = [];
  const next = () => {
    active--;
    line.shift()?.();
  };
  return <T>(job: () => Promise<T>): Promise<T> | null => {
    if (active >= running && line.length >= waiting) return null;
    const start = () => {
      active++;
      return job().finally(next);
    };
    if (active < running) return start();
    return new Promise<T>((resolve, reject) => line.push(() => void start().then(resolve, reject)));
  };
}
