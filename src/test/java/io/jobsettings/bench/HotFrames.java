package io.jobsettings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a Flight Recorder profile spent its time: the methods most often on top of the stack, the libraries they
 * belong to, and this project's own methods most often anywhere on the stack. Also runnable on its own:
 * {@code HotFrames recording.jfr}.
 */
final class HotFrames {

    private static final int SHOWN = 15;
    private static final String OWN_CODE = "io.jobsettings.";

    private final Map<String, Integer> selfByMethod = new HashMap<>();
    private final Map<String, Integer> selfByLibrary = new HashMap<>();
    private final Map<String, Integer> ownOnStack = new HashMap<>();
    private final Map<String, Integer> nativeByMethod = new HashMap<>();
    private int samples;
    private int nativeSamples;

    public static void main(String[] args) throws IOException {
        for (String jfr : args) {
            System.out.println(read(Path.of(jfr)).report(jfr));
        }
    }

    /** Writes the summary of {@code jfr} next to it and returns it. */
    static String summarize(Path jfr, Path summary) throws IOException {
        String report = read(jfr).report(jfr.getFileName().toString());
        Files.writeString(summary, report);
        return report;
    }

    private static HotFrames read(Path jfr) throws IOException {
        HotFrames hot = new HotFrames();
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                hot.addExecution(event.getStackTrace());
            } else if (type.equals("jdk.NativeMethodSample")) {
                hot.addNative(event.getStackTrace());
            }
        }
        return hot;
    }

    private void addExecution(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        String top = name(stack.getFrames().get(0));
        selfByMethod.merge(top, 1, Integer::sum);
        selfByLibrary.merge(library(top), 1, Integer::sum);
        Set<String> own = new HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
            String method = name(frame);
            if (method.startsWith(OWN_CODE) && own.add(method)) {
                ownOnStack.merge(method, 1, Integer::sum);
            }
        }
    }

    private void addNative(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        nativeSamples++;
        List<RecordedFrame> frames = stack.getFrames();
        String caller = frames.stream().map(HotFrames::name).filter(m -> !m.startsWith("java.")
                && !m.startsWith("sun.") && !m.startsWith("jdk.")).findFirst().orElse(name(frames.get(0)));
        nativeByMethod.merge(name(frames.get(0)) + "  <- " + caller, 1, Integer::sum);
    }

    private String report(String title) {
        StringBuilder text = new StringBuilder("== " + title + ": " + samples + " execution samples, "
                + nativeSamples + " native (waiting) samples\n");
        section(text, "on top of the stack (self)", selfByMethod, samples);
        section(text, "by library (self)", selfByLibrary, samples);
        section(text, "this project's methods anywhere on the stack (total)", ownOnStack, samples);
        section(text, "waiting in native code", nativeByMethod, nativeSamples);
        return text.toString();
    }

    private static void section(StringBuilder text, String heading, Map<String, Integer> counts, int total) {
        text.append("-- ").append(heading).append('\n');
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(SHOWN)
                .forEach(e -> text.append(String.format("%6d %5.1f%%  %s%n", e.getValue(),
                        100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The first three segments of a class's package: software.amazon.awssdk, com.fasterxml.jackson, ... */
    private static String library(String method) {
        String[] parts = method.split("\\.");
        int segments = Math.min(3, Math.max(1, parts.length - 2));
        return String.join(".", List.of(parts).subList(0, segments));
    }
}
