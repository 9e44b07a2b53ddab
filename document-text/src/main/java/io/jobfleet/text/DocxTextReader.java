package io.jobfleet.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a DOCX with {@code java.util.zip} and StAX. Everything unpacked on the way to
 * {@code word/document.xml} counts against the decoded-bytes limit (zip bombs), the text against
 * the page and character limits; DTDs and external entities are off (XXE).
 */
final class DocxTextReader {
    private static final String MAIN_PART = "word/document.xml";

    private final XMLInputFactory xmlFactory;

    DocxTextReader() {
        this.xmlFactory = XMLInputFactory.newFactory();
        xmlFactory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xmlFactory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        xmlFactory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    ExtractedText read(byte[] bytes, ExtractionBudget extraction) throws DocumentException {
        long maxUnpackedBytes = extraction.limits().maxDecodedBytes();
        UnpackBudget budget = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            budget = new UnpackBudget(zip, maxUnpackedBytes);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                extraction.checkStop();
                if (MAIN_PART.equals(entry.getName())) {
                    return new ExtractedText(parse(budget, extraction));
                }
                budget.transferTo(OutputStream.nullOutputStream());
            }
            throw DocumentException.unreadable("The Word document has no main text part (" + MAIN_PART + ").", null);
        } catch (ExtractionStopped e) {
            throw e.reason();
        } catch (IOException | XMLStreamException | RuntimeException e) {
            if (budget != null && budget.exceeded()) {
                throw new DocumentException(DocumentError.TOO_LARGE, "The Word document unpacks to more than "
                        + SizeText.of(maxUnpackedBytes) + ", the limit.", e);
            }
            throw DocumentException.unreadable("The Word document is damaged or not a valid DOCX file.", e);
        }
    }

    private List<Page> parse(InputStream in, ExtractionBudget extraction) throws XMLStreamException {
        XMLStreamReader xml = xmlFactory.createXMLStreamReader(in);
        try {
            return new WordBodyParser(extraction).parse(xml);
        } finally {
            xml.close();
        }
    }
}
