package ua.qrshare.load.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import ua.qrshare.copy.CopyContent;
import ua.qrshare.copy.CopyRenderer;
import ua.qrshare.copy.DocumentFields;
import ua.qrshare.dev.DevPki;
import ua.qrshare.dev.SyntheticDocuments;
import ua.qrshare.pki.SigningIdentity;
import ua.qrshare.sealing.SealSigner;

/**
 * Benchmark 2: one signed copy (PDF + CAdES-B seal, no time-stamp) by the gateway's {@link CopyRenderer} and
 * {@link SealSigner}, against the naive loop: a new PDFBox document that loads DejaVu Sans from its bytes and subsets
 * it for every copy, then BouncyCastle's CMS generator built afresh per signature. Same fields, same seal key.
 * Run with 1 and 2 threads ({@code -t}); see load-tests/bin/bench-copies.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CopyBenchmark {

    private CopyRenderer renderer;
    private SealSigner sealer;
    private SigningIdentity seal;
    private CopyContent content;
    private byte[] font;

    @Setup
    public void setUp() throws IOException {
        Path pki = Files.createTempDirectory("qrshare-bench-pki");
        seal = DevPki.loadOrCreate(pki, "http://localhost:8080").seal();
        renderer = new CopyRenderer();
        sealer = new SealSigner(seal);
        SyntheticDocuments.SyntheticDocument doc = SyntheticDocuments.generate("id-card", 42, LocalDate.now(), false);
        content = new CopyContent(
                "id-card",
                "Паспорт громадянина України у формі ID-картки",
                doc.fields(),
                null,
                "ТОВ «Кредит Плюс»",
                "Відділення № 5 на Подолі",
                "м. Київ, вул. Нижній Вал, буд. 17/8",
                "Відкриття рахунку для фізичної особи",
                "0f9c3a7e-1b2c-4d5e-8f90-123456789abc",
                Instant.now(),
                "https://qr.example.ua/verify");
        try (InputStream in = CopyRenderer.class.getClassLoader().getResourceAsStream("fonts/DejaVuSans.ttf")) {
            font = in.readAllBytes();
        }
    }

    @Benchmark
    public byte[] gateway() {
        return sealer.signB(renderer.render(content)).der();
    }

    @Benchmark
    public byte[] naive() throws Exception {
        return naiveSign(naivePdf());
    }

    private byte[] naivePdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType0Font dejaVu = PDType0Font.load(document, new ByteArrayInputStream(font), true);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                float y = 780;
                out.beginText();
                out.setFont(dejaVu, 14);
                out.newLineAtOffset(50, y);
                out.showText(content.documentTitleUk());
                out.setFont(dejaVu, 10);
                for (DocumentFields.Field field :
                        DocumentFields.of(content.documentType()).fields()) {
                    String value = content.fields().get(field.key());
                    if (value != null) {
                        out.newLineAtOffset(0, -16);
                        out.showText(field.labelUk() + ": " + value);
                    }
                }
                for (String line : new String[] {
                    content.partnerName(),
                    content.branchName(),
                    content.branchAddress(),
                    content.serviceName(),
                    "Поширення " + content.shareId(),
                    content.verifyUrl()
                }) {
                    out.newLineAtOffset(0, -16);
                    out.showText(line);
                }
                out.endText();
            }
            document.getDocumentInformation().setCustomMetadataValue("qrshare:shareId", content.shareId());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }

    private byte[] naiveSign(byte[] pdf) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        String algorithm = seal.key().getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        generator.addSignerInfoGenerator(
                new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                        .build(new JcaContentSignerBuilder(algorithm).build(seal.key()), seal.certificate()));
        generator.addCertificates(new JcaCertStore(seal.chain()));
        return generator.generate(new CMSProcessableByteArray(pdf), true).getEncoded();
    }

    /** For a quick look without JMH: prints one copy's sizes. */
    public static void main(String[] args) throws Exception {
        CopyBenchmark b = new CopyBenchmark();
        b.setUp();
        System.out.println("gateway " + b.gateway().length + " B, naive " + b.naive().length + " B " + Map.of());
    }
}
