/** The brand mark: three QR finder patterns and a few modules, the same drawing as public/favicon.svg. */
export function LogoMark() {
  return (
    <svg className="logo-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" className="logo-mark__bg" />
      <path
        className="logo-mark__fg"
        d="M6 6h8v8H6zm2 2v4h4V8zm1 1h2v2H9zm9-3h8v8h-8zm2 2v4h4V8zm1 1h2v2h-2zM6 18h8v8H6zm2 2v4h4v-4zm1 1h2v2H9zm9-3h3v3h-3zm5 0h3v3h-3zm-5 5h3v3h-3zm5 0h3v3h-3z"
      />
    </svg>
  );
}
