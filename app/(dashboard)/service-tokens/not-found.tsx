import { KeyRound } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function ServiceTokenNotFound() {
  return (
    <Card className="mx-auto mt-10 max-w-lg px-6 py-12 text-center">
      <KeyRound className="mx-auto size-8 text-zinc-300" aria-hidden />
      <h1 className="mt-4 text-lg font-semibold text-zinc-900">Service token not found</h1>
      <p className="mt-1 text-sm text-zinc-600">It may have been deleted, or the link is wrong.</p>
      <Button asChild variant="secondary" className="mt-6">
        <Link href="/service-tokens">Back to the list</Link>
      </Button>
    </Card>
  );
}
