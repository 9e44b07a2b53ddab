package io.jobfleet.text;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Decodes every stream text extraction may read (content, forms, fonts, CMaps; not images) into
 * a counter, before PDFBox does: PDFBox decodes a stream into memory whole, so a few kilobytes of
 * deflated zeros would otherwise become gigabytes on the heap. All streams together may decode
 * to at most {@code maxDecodedBytes}; intermediate buffers of filter chains stay within it too.
 */
final class PdfStreamBudget {
    /** Image codecs: text extraction never decodes image data. */
    private static final Set<COSName> IMAGE_FILTERS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

    private final ExtractionBudget budget;
    private final long max;
    private long total;

    PdfStreamBudget(ExtractionBudget budget) {
        this.budget = budget;
        this.max = budget.limits().maxDecodedBytes();
    }

    void check(COSDocument document) {
        for (COSObjectKey key : new ArrayList<>(document.getXrefTable().keySet())) {
            budget.checkStop();
            COSObject object = document.getObjectFromPool(key);
            COSBase base = object == null ? null : object.getObject();
            if (base instanceof COSStream stream && !isImage(stream)) {
                decode(stream);
            }
        }
    }

    private static boolean isImage(COSStream stream) {
        return COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))
                || filters(stream).stream().anyMatch(IMAGE_FILTERS::contains);
    }

    private void decode(COSStream stream) {
        List<COSName> filters = filters(stream);
        try (InputStream raw = stream.createRawInputStream()) {
            InputStream in = raw;
            for (int i = 0; i < filters.size(); i++) {
                Filter filter = FilterFactory.INSTANCE.getFilter(filters.get(i));
                if (i == filters.size() - 1) {
                    filter.decode(in, new Counter(OutputStream.nullOutputStream()), stream, i);
                } else {
                    ByteArrayOutputStream step = new ByteArrayOutputStream();
                    filter.decode(in, new Counter(step), stream, i);
                    total -= step.size(); // only the final output counts against the total
                    in = new ByteArrayInputStream(step.toByteArray());
                }
            }
            if (filters.isEmpty()) {
                in.transferTo(new Counter(OutputStream.nullOutputStream()));
            }
        } catch (IOException e) {
            // a damaged stream: PDFBox reports or skips it during extraction
        }
    }

    private static List<COSName> filters(COSStream stream) {
        COSBase filters = stream.getFilters();
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (COSBase b : array) {
                if (b instanceof COSName name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Counts decoded bytes and stops once the document's total passes the limit. */
    private final class Counter extends OutputStream {
        private final OutputStream out;

        Counter(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
            out.write(b, off, len);
        }

        private void add(long n) {
            total += n;
            if (total > max) {
                throw new ExtractionStopped(ExtractionBudget.unpacksTooLarge(max));
            }
            budget.checkStop();
        }
    }
}
