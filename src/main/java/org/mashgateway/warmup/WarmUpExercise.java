package org.mashgateway.warmup;

/**
 * Work a node does on real traffic, done on made-up input while the node warms up. An exercise
 * must touch no stored state and send nothing anyone receives.
 */
public interface WarmUpExercise {

    /** A short name for the log, such as {@code smime}. */
    String name();

    /** Whether the exercise is worth repeating (the JIT compiles what runs often), or runs once. */
    default boolean repeats() {
        return true;
    }

    /** One run of the exercise; an exception drops the exercise from the warm-up. */
    void run() throws Exception;
}
