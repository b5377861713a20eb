// Inline icons: no icon font, and they render the same on machines without emoji fonts.

export function PublicIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" role="img" aria-label="Public">
      <title>Public</title>
      <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M1.5 8h13M8 1.5c2.2 2.4 2.2 10.6 0 13M8 1.5c-2.2 2.4-2.2 10.6 0 13"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.2"
      />
    </svg>
  );
}

export function PrivateIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" role="img" aria-label="Private">
      <title>Private</title>
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}
