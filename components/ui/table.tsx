import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

/*
 * A dense, calm table on a desk; below 640 px each row becomes a card, each cell a line under its
 * column's heading, so a phone shows every column (state, deadline, next step) without scrolling
 * sideways. The heading is given to each cell here, from its position in the row.
 */

type CellProps = { children?: ReactNode; className?: string; label?: string; title?: string };
type RowProps = { children?: ReactNode };

/** Gives every cell of every row its column's heading (rows may come as arrays or fragments-free maps). */
function labelled(rows: ReactNode, head: ReactNode[]): ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<RowProps>(row)) return row;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<CellProps>(cell)) return cell;
      const h = head[column++];
      return cell.type === Td && cell.props.label === undefined && typeof h === "string" ? cloneElement(cell as ReactElement<CellProps>, { label: h }) : cell;
    });
    return cloneElement(row, {}, cells);
  });
}

export function Table({ head, children, caption }: { head: ReactNode[]; children: ReactNode; caption?: string }) {
  return (
    <div className="sm:overflow-x-auto">
      <table className="cards w-full border-collapse text-sm sm:min-w-[40rem]">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr className="border-b border-stone-200 bg-stone-50 text-left text-stone-600">
            {head.map((h, i) => (
              <th key={i} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {labelled(children, head)}
        </tbody>
      </table>
    </div>
  );
}

/** A cell; on a phone, one line of the row's card with the column's heading before it (app/globals.css, `.cards`). */
export function Td({ children, className = "", label, title }: CellProps) {
  return (
    <td
      data-label={label || undefined}
      title={title}
      className={`px-3 py-2 align-top ${className}`}
    >
      <div>{children}</div>
    </td>
  );
}
