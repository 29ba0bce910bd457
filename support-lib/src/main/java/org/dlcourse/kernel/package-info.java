/**
 * Kernel plumbing, never read by students: hooks the kit's start-up script
 * ({@code environment/startup.jshell}) installs into JJava's JShell so a beginner's two most
 * common crashes answer with one sentence. {@link org.dlcourse.kernel.KernelHooks} installs them:
 * {@link org.dlcourse.kernel.CellOrder} (a name defined in a cell that has not run yet),
 * {@link org.dlcourse.kernel.GuardedExecution} (an array that cannot fit in the kernel's memory,
 * refused before it is made; the engines' out-of-memory errors, reworded) and {@link org.dlcourse.kernel.MemoryWatch}
 * (a sentence before the system stops a kernel out of memory, where nothing foresaw it), with
 * {@link org.dlcourse.kernel.MemoryLimit} (how much memory the kernel may use).
 * No class of {@code org.dlcourse} imports this package.
 */
package org.dlcourse.kernel;
