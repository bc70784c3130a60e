// What every inline confirmation (Connect, End, Sign out with calls held) shares: Cancel takes
// focus when it appears, so a stray Enter never confirms, and Escape cancels without also
// reaching the panel's own Escape (which hides the panel).

/** An attachment: focus the element as soon as it is in the page. */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}

/** A keydown handler for the confirmation's group: Escape cancels, and goes no further. */
export function escapeCancels(cancel: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    cancel();
  };
}
