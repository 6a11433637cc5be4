/** Every key and what it does, from the key table. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { keysFor, type ScreenMode } from '../keymap.js';

export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
  readonly mode: ScreenMode;
}

export function HelpOverlay({ width, height, mode }: HelpOverlayProps): ReactNode {
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} paddingY={1}>
      <Text bold>tokentop keys</Text>
      <Text> </Text>
      {keysFor(mode).map((b) => (
        <Text key={b.command} wrap="truncate">{`${b.keys.join(', ').padEnd(12)} ${b.description}`}</Text>
      ))}
      <Text> </Text>
      <Text dimColor>Press ? again to close.</Text>
    </Box>
  );
}
