/** The Gatepost mark: a gate in Cloudflare-like orange. */
export function Logo({ className }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 ${className ?? ""}`}>
      <svg viewBox="0 0 24 24" className="size-7" aria-hidden>
        <rect width="24" height="24" rx="6" fill="#f6821f" />
        <path d="M6 18V9.5a6 6 0 0 1 12 0V18" fill="none" stroke="white" strokeWidth="2" strokeLinecap="round" />
        <path d="M10 18v-5h4v5" fill="none" stroke="white" strokeWidth="2" strokeLinejoin="round" />
      </svg>
      <span className="text-[15px] font-semibold tracking-tight text-zinc-900">Gatepost</span>
    </span>
  );
}
