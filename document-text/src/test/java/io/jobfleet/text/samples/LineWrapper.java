package io.jobfleet.text.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Breaks text into lines that fit a width in a given font. Each input line stays a line (wrapped
 * if long); characters the font cannot encode become '?'.
 */
final class LineWrapper {
    private final PDFont font;
    private final float fontSize;
    private final float maxWidth;

    LineWrapper(PDFont font, float fontSize, float maxWidth) {
        this.font = font;
        this.fontSize = fontSize;
        this.maxWidth = maxWidth;
    }

    List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.replace("\r\n", "\n").stripTrailing().split("\n", -1)) {
            wrapParagraph(encodable(paragraph.replace('\t', ' ')), lines);
        }
        return lines;
    }

    private void wrapParagraph(String paragraph, List<String> lines) {
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" +")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(candidate) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(rest) > maxWidth) {
                int cut = longestFittingPrefix(rest);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        lines.add(line.toString());
    }

    private int longestFittingPrefix(String word) {
        int cut = 1;
        while (cut < word.length() && width(word.substring(0, cut + 1)) <= maxWidth) {
            cut++;
        }
        return cut;
    }

    private float width(String text) {
        try {
            return font.getStringWidth(text) / 1000 * fontSize;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String encodable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(codePoint -> {
            String character = Character.toString(codePoint);
            out.append(canEncode(character) ? character : "?");
        });
        return out.toString();
    }

    private boolean canEncode(String character) {
        try {
            font.encode(character);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
