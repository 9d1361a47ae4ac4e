package io.sark.opa.regoc;

/** Per-function state: the next free local (0 and 1 are input and data). */
final class FuncState {
    private int next;

    FuncState(int firstFree) {
        this.next = firstFree;
    }

    int newLocal() {
        return next++;
    }
}
