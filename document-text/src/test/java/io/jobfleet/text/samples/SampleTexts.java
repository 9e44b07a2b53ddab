package io.jobfleet.text.samples;

import java.util.List;

/** The realistic texts behind {@link SampleDocuments}: a specification, invoices and study notes. */
final class SampleTexts {
    private SampleTexts() {
    }

    static final List<String> REQUIREMENTS_SPECIFICATION = List.of(
            """
            Customer Portal 3.0 - Software Requirements Specification
            Document ID: SRS-CP-2026-07
            Version 1.4, 2026-09-15

            1. Introduction
            This document describes the requirements for release 3.0 of the customer portal, the web
            application through which customers place orders, download invoices and manage their accounts.
            The intended audience is the development team, the test team and the data protection officer.

            Chapter 2 covers security, chapter 3 performance, chapter 4 functional behaviour and
            chapter 5 legal compliance. Chapter 6 holds the glossary and the revision history.""",
            """
            2. Security requirements
            The portal handles personal and payment data of about 40,000 customers.

            SEC-1: The system shall encrypt all personal data at rest using AES-256.
            SEC-2: User passwords must be stored only as salted hashes computed with Argon2id or bcrypt.
            SEC-3: The system shall lock an account for 15 minutes after five failed login attempts.
            SEC-4: Administrators must authenticate with a second factor.
            SEC-5: Session tokens should expire after 30 minutes of inactivity.
            SEC-6: All traffic between browser and server shall use TLS 1.2 or newer.""",
            """
            3. Performance requirements
            The figures below were agreed with operations in the sizing workshop of August 2026.

            PERF-1: The search page shall return results within 2 seconds for 95% of requests
            under a load of 500 concurrent users.
            PERF-2: The system must support 100,000 registered users without changes to the architecture.
            PERF-3: Report exports should complete within 60 seconds for a year of order history.
            PERF-4: The portal shall be available 99.5% of the time, measured per calendar month.""",
            """
            4. Functional requirements
            FUN-1: Users shall be able to reset their password through an e-mailed link valid for 24 hours.
            FUN-2: The system shall let customers download each invoice as a PDF file.
            FUN-3: Customers should be able to filter their orders by date and by status.
            FUN-4: The portal must send an e-mail confirmation for every order placed.
            FUN-5: Support staff shall be able to view, but not change, a customer's order history.""",
            """
            5. Compliance requirements
            COMP-1: The system shall comply with the EU General Data Protection Regulation (GDPR).
            COMP-2: Personal data must be deleted within 30 days after an account is closed.
            COMP-3: Audit logs shall be retained for 7 years and protected against modification.
            COMP-4: The user interface should meet the WCAG 2.1 level AA accessibility guidelines.
            COMP-5: Invoices must carry the tax information required by the German VAT act.""",
            """
            6. Glossary
            Customer: a company or person with at least one order in the portal.
            Order history: all orders of a customer, including cancelled ones.
            GDPR: General Data Protection Regulation, Regulation (EU) 2016/679.

            Revision history
            1.0  2026-05-02  First version for review.
            1.3  2026-08-28  Performance figures from the sizing workshop.
            1.4  2026-09-15  Compliance chapter reviewed by the data protection officer.""");

    /** Pages (numbered from 1) of the specification that state no requirement. */
    static final List<Integer> PAGES_WITHOUT_REQUIREMENTS = List.of(1, 6);

    static final String INVOICE = """
            Vendor: ACME GmbH
            Invoice number: INV-2026-0042
            Issue date: 2026-10-01
            Due date: 2026-10-31
            Currency: EUR
            Bill to: Example Retail AG, Hauptstrasse 5, 10115 Berlin

            Description | Quantity | Unit price | Amount
            - Consulting | 10 | 120.00 | 1200.00
            - Workshop facilitation | 2 | 450.00 | 900.00
            - Travel expenses | 1 | 180.50 | 180.50

            Subtotal: 2280.50
            Tax: 433.30
            Total: 2713.80

            Payment within 30 days to IBAN DE89 3704 0044 0532 0130 00.""";

    /** Same invoice, but the line items add up to 2280.50 while the subtotal says 2380.50. */
    static final String INVOICE_NOT_ADDING_UP = INVOICE
            .replace("Invoice number: INV-2026-0042", "Invoice number: INV-2026-0043")
            .replace("Subtotal: 2280.50", "Subtotal: 2380.50")
            .replace("Tax: 433.30", "Tax: 452.30")
            .replace("Total: 2713.80", "Total: 2832.80");

    static final String STUDY_TEXT = """
            The cell

            A cell is the smallest unit of life that can reproduce on its own. The cell membrane is the thin \
            layer of lipids and proteins that separates the inside of a cell from its surroundings. \
            The cytoplasm is the gel-like fluid that fills the cell and holds its organelles.

            The nucleus is the organelle that stores the cell's genetic material. DNA is the molecule that \
            carries the genetic instructions of every living organism. A gene is a section of DNA that \
            holds the instructions for one protein.

            The mitochondrion is the organelle that turns nutrients into usable energy in the form of ATP. \
            A ribosome is the molecular machine that builds proteins from amino acids. Photosynthesis is \
            the process by which plants turn light, water and carbon dioxide into sugar and oxygen; \
            it takes place in the chloroplast.""";
}
