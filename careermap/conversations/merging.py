"""Merging two people's edits of the shared notes, so neither silently overwrites the other."""

from diff_match_patch import diff_match_patch


def merge(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Apply my edit (base -> mine) on top of theirs (base -> theirs).

    Returns the merged text and whether every change found its place. Edits in different parts
    of the text merge cleanly; when both changed the same words the caller keeps theirs and
    shows mine beside it for the person to choose.
    """
    if theirs == base:
        return mine, True
    if mine in (base, theirs):
        return theirs, True
    if mine.startswith(base) and theirs.startswith(base):
        # Both added to the end, the usual case while notes are taken live: keep both, theirs
        # first since it was saved first.
        added = mine[len(base) :]
        joint = "" if theirs.endswith("\n") or added.startswith("\n") else "\n"
        return theirs + joint + added, True
    dmp = diff_match_patch()
    # Strict matching: a change is applied only where its surroundings are found unchanged.
    dmp.Match_Threshold = 0.1
    dmp.Patch_DeleteThreshold = 0.1
    merged, applied = dmp.patch_apply(dmp.patch_make(base, mine), theirs)
    return merged, all(applied)
