package io.omnihub.hub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own (the infrastructure, or a hub from the production jar), its output in a file:
 * tests talk to it over the network only, as to a real deployment.
 */
public final class ExternalProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ExternalProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** {@code java <jvmArgs> -jar <jar> <args>} with {@code env} added to this process's environment. */
    public static ExternalProcess java(
            Path jar, List<String> jvmArgs, List<String> args, Map<String, String> env, Path output)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        Files.createDirectories(output.toAbsolutePath().getParent());
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().putAll(env);
        return new ExternalProcess(pb.start(), output);
    }

    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the output holds {@code line}; fails with the output if the process exits first or time runs out. */
    public void awaitOutput(String line, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (output().contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(
                        "process exited with " + process.exitValue() + " before printing '" + line + "':\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + line + "' within " + timeout + ":\n" + tail());
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String tail() {
        String all = output();
        return all.length() > 6000 ? all.substring(all.length() - 6000) : all;
    }

    /** SIGKILL: no shutdown hook, no last commit, as a machine losing power. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an orchestrator stops a service; then up to a minute for it to go. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
