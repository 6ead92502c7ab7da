/** The id of every layout's <main>: the skip link's target. */
export const MAIN_ID = "main";

/**
 * 跳到正文: the first stop of the Tab key on every page, shown only while focused, so a keyboard
 * user passes the header and navigation in one step.
 */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-md"
    >
      跳到正文
    </a>
  );
}
