/** The terminal's size, measured once at the root and on resize (Ink 6 has no useWindowSize). */
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface WindowSize {
  readonly cols: number;
  readonly rows: number;
}

export function useWindowSize(fallback: WindowSize = { cols: 80, rows: 24 }): WindowSize {
  const { stdout } = useStdout();
  const read = (): WindowSize => ({ cols: stdout.columns || fallback.cols, rows: stdout.rows || fallback.rows });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // read() depends only on stdout.
  }, [stdout]);
  return size;
}
