/** A bordered panel of an exact size, with a title line: every screen part is one. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface PanelProps {
  readonly title: string;
  /** Text at the right end of the title line. */
  readonly aside?: string | undefined;
  readonly asideColor?: string | undefined;
  readonly width: number;
  /** Total rows, borders included. */
  readonly height: number;
  readonly color: boolean;
  readonly children?: ReactNode;
}

export function Panel({ title, aside, asideColor, width, height, color, children }: PanelProps): ReactNode {
  const inner = Math.max(0, width - 4);
  const right = aside === undefined ? '' : aside.slice(0, Math.max(0, inner - title.length - 1));
  const gap = Math.max(1, inner - title.length - right.length);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color ? 'gray' : undefined} width={width} height={height} paddingX={1} overflow="hidden">
      {/* The title never gives way when the rows below are too many: they are cut instead. */}
      <Box flexShrink={0}>
        <Text wrap="truncate">
          <Text bold>{title.slice(0, inner)}</Text>
          {right.length > 0 ? ' '.repeat(gap) : ''}
          <Text color={asideColor} bold={asideColor !== undefined}>
            {right}
          </Text>
        </Text>
      </Box>
      {children}
    </Box>
  );
}
