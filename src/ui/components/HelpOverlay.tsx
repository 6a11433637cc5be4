/** Every key and what it does, from the key table. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { keysFor, type ScreenMode } from '../keymap.js';

export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
  readonly mode: ScreenMode;
}

/** Rows besides the keys: the border, the title and the closing line. */
const CHROME = 4;
/** And with room: a blank row above and below, and around the list. */
const SPACING = 4;

export function HelpOverlay({ width, height, mode }: HelpOverlayProps): ReactNode {
  const bindings = keysFor(mode);
  // At 80x24 the spaced-out list no longer fits (14 keys): its title was pushed off the top.
  const roomy = height >= bindings.length + CHROME + SPACING;
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} paddingY={roomy ? 1 : 0} overflow="hidden">
      <Text bold>tokentop keys</Text>
      {roomy ? <Text> </Text> : null}
      {bindings.map((b) => (
        <Text key={b.command} wrap="truncate">{`${b.keys.join(', ').padEnd(12)} ${b.description}`}</Text>
      ))}
      {roomy ? <Text> </Text> : null}
      <Text dimColor>Press ? or Esc to close.</Text>
    </Box>
  );
}
