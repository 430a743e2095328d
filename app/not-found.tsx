import { MapPinOff } from "lucide-react";
import Link from "next/link";
import { Logo } from "@/components/layout/logo";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

// A path that is no page at all (a mistyped link), in the dashboard's look and theme rather than
// Next's bare default. An unknown object inside a section has its section's own not-found card.
export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Logo className="mb-8 scale-110" />
      <Card className="w-full max-w-md px-6 py-12 text-center">
        <MapPinOff className="mx-auto size-8 text-zinc-300" aria-hidden />
        <h1 className="mt-4 text-lg font-semibold text-zinc-900">Page not found</h1>
        <p className="mt-1 text-sm text-zinc-600">There is no page at this address.</p>
        <Button asChild variant="secondary" className="mt-6">
          <Link href="/">Go to the Overview</Link>
        </Button>
      </Card>
    </main>
  );
}
