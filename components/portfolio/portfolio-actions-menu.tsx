"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Archive, ArchiveRestore, LoaderCircle, MoreHorizontal, Pencil, Trash2 } from "lucide-react";
import { toast } from "sonner";

import { FieldError, FormError } from "@/components/auth/form-messages";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { deletePortfolioAction, updatePortfolioAction } from "@/lib/portfolio/actions";

type PortfolioActionsMenuProps = {
  portfolio: { id: string; name: string; isArchived: boolean };
  canEdit: boolean;
  isOwner: boolean;
};

export function PortfolioActionsMenu({ portfolio, canEdit, isOwner }: PortfolioActionsMenuProps) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const [name, setName] = useState(portfolio.name);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  const open = (next: "rename" | "delete") => {
    setError(null);
    setName(portfolio.name);
    setDialog(next);
  };

  const onRename = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError("Give the portfolio a name.");
      return;
    }
    startTransition(async () => {
      const result = await updatePortfolioAction({ portfolioId: portfolio.id, changes: { name: trimmed } });
      if (!result.ok) {
        setError(result.error.details?.[0]?.message ?? result.error.message);
        return;
      }
      toast.success("Portfolio renamed.");
      setDialog(null);
    });
  };

  const onArchive = () => {
    startTransition(async () => {
      const result = await updatePortfolioAction({ portfolioId: portfolio.id, changes: { isArchived: !portfolio.isArchived } });
      if (!result.ok) toast.error(result.error.message);
      else toast.success(portfolio.isArchived ? "Portfolio restored." : "Portfolio archived: it no longer counts on the dashboard.");
    });
  };

  const onDelete = () => {
    startTransition(async () => {
      const result = await deletePortfolioAction({ portfolioId: portfolio.id });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      toast.success(`“${portfolio.name}” deleted.`);
      setDialog(null);
      router.push("/portfolios");
    });
  };

  return (
    <>
      {/* Not modal: a dialog opened from the menu must own focus and pointer events once the menu closes. */}
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label="More actions" data-testid="portfolio-actions" disabled={isPending}>
            {isPending && dialog === null ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <MoreHorizontal aria-hidden="true" />}
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-52">
          {canEdit ? (
            <DropdownMenuItem onSelect={() => open("rename")} data-testid="portfolio-rename">
              <Pencil aria-hidden="true" />
              Rename
            </DropdownMenuItem>
          ) : null}
          {isOwner ? (
            <>
              <DropdownMenuItem onSelect={onArchive} data-testid="portfolio-archive">
                {portfolio.isArchived ? <ArchiveRestore aria-hidden="true" /> : <Archive aria-hidden="true" />}
                {portfolio.isArchived ? "Restore from archive" : "Archive"}
              </DropdownMenuItem>
              <DropdownMenuSeparator />
              <DropdownMenuItem variant="destructive" onSelect={() => open("delete")} data-testid="portfolio-delete">
                <Trash2 aria-hidden="true" />
                Delete…
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>

      <Dialog open={dialog === "rename"} onOpenChange={(isOpen) => setDialog(isOpen ? "rename" : null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Rename portfolio</DialogTitle>
            <DialogDescription>The new name shows for everyone the portfolio is shared with.</DialogDescription>
          </DialogHeader>
          <form onSubmit={onRename} noValidate className="flex flex-col gap-4">
            <div className="flex flex-col gap-2">
              <Label htmlFor="rename-input">Name</Label>
              <Input
                id="rename-input"
                value={name}
                maxLength={80}
                onChange={(event) => setName(event.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "rename-error" : undefined}
                data-testid="rename-input"
              />
              <FieldError id="rename-error" message={error ?? undefined} />
            </div>
            <DialogFooter>
              <Button type="submit" disabled={isPending} data-testid="rename-submit">
                {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
                Save
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <AlertDialog open={dialog === "delete"} onOpenChange={(isOpen) => setDialog(isOpen ? "delete" : null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete “{portfolio.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              Its transactions, value history, shares and activity are deleted for good. Export the transactions first if you may need them; archive
              the portfolio instead to only hide it.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <FormError>{error}</FormError>
          <AlertDialogFooter>
            <AlertDialogCancel disabled={isPending}>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              disabled={isPending}
              onClick={(event) => {
                event.preventDefault();
                onDelete();
              }}
              data-testid="portfolio-delete-confirm"
            >
              Delete portfolio
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </>
  );
}
