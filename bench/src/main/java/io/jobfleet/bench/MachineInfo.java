package io.jobfleet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures were measured on: CPU, memory, OS, Java, and how busy the machine was. */
final class MachineInfo {
    private MachineInfo() {
    }

    static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        m.put("memory", memKb.endsWith("kB")
                ? Math.round(Long.parseLong(memKb.replace("kB", "").strip()) / 1048576.0) + " GiB" : memKb);
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")");
        return m;
    }

    /** The 1, 5 and 15 minute load averages: a loaded machine makes every figure noisy. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? line : line.substring(colon + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
