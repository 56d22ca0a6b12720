# Holders after fork: a socket shared by parent and child is shown in each
# process that holds it, read from their descriptors (/proc/PID/fd against
# the socket's inode), and leaves the child once the child has closed it.
. tests/kernel/lib.sh

fw play fork-refcount >"$TMP/t" 2>&1
expect_eq "fork-refcount holds" 0 "$?"
# held-by first names both after fork, then the parent alone after the
# child's close().
after_fork=$(awk '$3 == "call" && $4 ~ /^fork\(/ { f = 1; next }
    f && / held-by=/ { print $2 " " $NF; exit }' "$TMP/t")
expect_eq "after fork() the server's socket is held by server and child" \
    "server held-by=server,child" "$after_fork"
after_close=$(awk '$2 == "child" && $4 ~ /^close\(/ { f = 1; next }
    f && $3 == "holders" { for (i = 4; i <= NF; i++) if ($i ~ /^held-by=/) print $2 " " $4 " " $i; exit }' "$TMP/t")
expect_eq "the child's close() leaves the parent alone holding it" \
    "server CLOSE_WAIT held-by=server" "$after_close"

# What the child's pane shows (100x30: both panes of the server's side).
tmux_start 100 30 lessons/fork-refcount.lesson
# The child's block: below "forked from server", the state of the socket
# it shares, not "no socket".
child_block() {
	screen | awk '/forked from server/ { f = 1 } f' | grep -q ESTABLISHED
}
check "the child's pane shows the socket it shares" 10 child_block
check "the server's pane says the socket is shared" 10 shows "src: kernel · shared"
tmux_end
