/** A bordered panel of an exact size, with a title line: every screen part is one. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { cell, displayWidth } from '../../report/text-width.js';

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

/** The fewest characters a title keeps when its line is short of room (see Panel). */
const MIN_TITLE = 8;

export function Panel({ title, aside, asideColor, width, height, color, children }: PanelProps): ReactNode {
  const inner = Math.max(0, width - 4);
  // The aside holds the figures (now, peak, the lamp): on a short line the title's words give way first.
  const wanted = aside === undefined ? 0 : displayWidth(aside) + 1;
  const left = cutText(title, Math.max(Math.min(displayWidth(title), MIN_TITLE), inner - wanted));
  const right = aside === undefined ? '' : cutText(aside, Math.max(0, inner - displayWidth(left) - 1));
  const gap = Math.max(1, inner - displayWidth(left) - displayWidth(right));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={color ? 'gray' : undefined} width={width} height={height} paddingX={1} overflow="hidden">
      {/* The title never gives way when the rows below are too many: they are cut instead. */}
      <Box flexShrink={0}>
        <Text wrap="truncate">
          <Text bold>{left.slice(0, inner)}</Text>
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

/** `text` cut to `max` columns, an ellipsis marking the cut. */
function cutText(text: string, max: number): string {
  return displayWidth(text) <= max ? text : cell(text, max);
}
