"use client";

import { TriangleExclamationPoint } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

// Unexpected failures only: expected ones (bad input, a missing token, a read-only role) are
// answered by the pages and actions themselves.
export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Card className="mx-auto mt-10 max-w-lg px-6 py-10 text-center">
      <TriangleExclamationPoint className="mx-auto size-8 text-amber-500" aria-hidden />
      <h1 className="mt-4 text-lg font-semibold text-zinc-900">Something went wrong</h1>
      <p className="mt-1 text-sm text-zinc-600">The page could not be loaded. Try again; if it keeps failing, check the server logs.</p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </Card>
  );
}
