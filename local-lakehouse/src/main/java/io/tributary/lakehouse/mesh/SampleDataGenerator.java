package io.tributary.lakehouse.mesh;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Realistic, made-up rows for the example mesh of a web shop: a product catalogue, customer
 * profiles, orders of those products by those customers and the clickstream around them, all in the
 * last 90 days before {@code now}. The same seed and {@code now} give the same rows, so a
 * tutorial's numbers can be reproduced.
 *
 * <p>The rows hang together: order lines name catalogue SKUs at their price, order totals are the
 * sum of their lines, customers order only after they signed up, and a session's events follow a
 * shopper's path from landing page to purchase. E-mail addresses use the reserved {@code example.*}
 * domains, so no real person is ever named.
 */
public final class SampleDataGenerator {

  /** The seed {@code ./tributary up} uses. */
  public static final long DEFAULT_SEED = 20_250_101L;

  public static final int PRODUCT_COUNT = 120;
  public static final int CUSTOMER_COUNT = 800;
  public static final int ORDER_COUNT = 2_000;
  public static final int WEB_EVENT_COUNT = 3_000;

  /** How far back orders and web events go. */
  public static final Duration HISTORY = Duration.ofDays(90);

  private static final String SHOP = "https://shop.example.com";

  /** How many shoppers are about at each hour of the day (UTC), relative to each other. */
  private static final int[] SHOPPERS_BY_HOUR = {
    2, 1, 1, 1, 1, 1, 2, 4, 5, 5, 6, 6, 7, 6, 6, 6, 6, 7, 9, 11, 12, 11, 8, 4
  };

  private static final List<Integer> HOURS_OF_DAY =
      java.util.stream.IntStream.range(0, 24).boxed().toList();

  private record Category(
      String name, String skuPrefix, int minimumPrice, int maximumPrice, List<String> products) {}

  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "Home",
              "HOM",
              12,
              180,
              List.of(
                  "Linen Duvet Cover",
                  "Ceramic Table Lamp",
                  "Wool Throw Blanket",
                  "Scented Soy Candle",
                  "Cotton Bath Towel",
                  "Rattan Storage Basket",
                  "Velvet Cushion Cover",
                  "Framed Botanical Print")),
          new Category(
              "Kitchen",
              "KIT",
              8,
              140,
              List.of(
                  "Cast Iron Skillet",
                  "Espresso Cup Set",
                  "Oak Serving Board",
                  "Chef's Knife",
                  "Glass Storage Jars",
                  "Stoneware Dinner Plates",
                  "Pour-Over Coffee Maker",
                  "Silicone Baking Mat")),
          new Category(
              "Electronics",
              "ELE",
              15,
              350,
              List.of(
                  "Wireless Earbuds",
                  "USB-C Charger 65 W",
                  "Bluetooth Speaker",
                  "Smart LED Bulb",
                  "Noise-Cancelling Headphones",
                  "Portable Power Bank",
                  "Mechanical Keyboard",
                  "4K Webcam")),
          new Category(
              "Garden",
              "GAR",
              6,
              220,
              List.of(
                  "Terracotta Plant Pot",
                  "Stainless Garden Trowel",
                  "Solar Path Light",
                  "Herb Seed Kit",
                  "Folding Garden Chair",
                  "Watering Can 5 l",
                  "Bird Feeder",
                  "Pruning Shears")),
          new Category(
              "Sports",
              "SPO",
              10,
              260,
              List.of(
                  "Yoga Mat",
                  "Running Jacket",
                  "Insulated Water Bottle",
                  "Resistance Band Set",
                  "Trail Running Shoes",
                  "Cycling Gloves",
                  "Foam Roller",
                  "Daypack 20 l")));

  private static final List<String> VARIANTS =
      List.of(
          "Charcoal",
          "Sand",
          "Forest Green",
          "Ocean Blue",
          "Terracotta",
          "Natural",
          "Black",
          "White",
          "Mustard",
          "Dusty Pink");

  /** A country, its people's names, its phone prefix and the currency its shoppers pay in. */
  private record Country(
      String code,
      int weight,
      String phonePrefix,
      String currency,
      BigDecimal eurRate,
      List<String> firstNames,
      List<String> lastNames) {}

  private static final List<Country> COUNTRIES =
      List.of(
          new Country(
              "DE",
              25,
              "+49 15",
              "EUR",
              BigDecimal.ONE,
              List.of(
                  "Lena", "Jonas", "Anna", "Lukas", "Marie", "Felix", "Sophie", "Paul", "Hannah",
                  "Jürgen"),
              List.of(
                  "Müller",
                  "Schmidt",
                  "Schneider",
                  "Fischer",
                  "Weber",
                  "Becker",
                  "Hoffmann",
                  "Schäfer")),
          new Country(
              "FR",
              15,
              "+33 6",
              "EUR",
              BigDecimal.ONE,
              List.of("Camille", "Louis", "Léa", "Hugo", "Chloé", "Gabriel", "Manon", "Théo"),
              List.of(
                  "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard",
                  "D'Arcy")),
          new Country(
              "GB",
              12,
              "+44 7",
              "GBP",
              new BigDecimal("0.85"),
              List.of("Oliver", "Amelia", "Harry", "Isla", "George", "Olivia", "Jack", "Emily"),
              List.of(
                  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "O'Brien", "Evans")),
          new Country(
              "NL",
              8,
              "+31 6",
              "EUR",
              BigDecimal.ONE,
              List.of("Daan", "Emma", "Sem", "Julia", "Lucas", "Tess", "Finn", "Sanne"),
              List.of("de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit")),
          new Country(
              "ES",
              10,
              "+34 6",
              "EUR",
              BigDecimal.ONE,
              List.of("Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Pablo", "Valeria", "Álvaro"),
              List.of(
                  "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez")),
          new Country(
              "IT",
              10,
              "+39 3",
              "EUR",
              BigDecimal.ONE,
              List.of("Giulia", "Leonardo", "Sofia", "Francesco", "Aurora", "Alessandro", "Chiara"),
              List.of("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "D'Angelo")),
          new Country(
              "PL",
              7,
              "+48 5",
              "PLN",
              new BigDecimal("4.30"),
              List.of("Zuzanna", "Jakub", "Julia", "Antoni", "Zofia", "Szymon", "Maja"),
              List.of("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamińska", "Lewandowski")),
          new Country(
              "SE",
              5,
              "+46 7",
              "SEK",
              new BigDecimal("11.40"),
              List.of("Alice", "William", "Maja", "Elias", "Ebba", "Hugo", "Astrid"),
              List.of("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson")),
          new Country(
              "AT",
              4,
              "+43 6",
              "EUR",
              BigDecimal.ONE,
              List.of("Valentina", "Tobias", "Leonie", "Maximilian", "Lea", "David"),
              List.of("Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner")),
          new Country(
              "BE",
              4,
              "+32 4",
              "EUR",
              BigDecimal.ONE,
              List.of("Louise", "Arthur", "Olivia", "Noah", "Elise", "Jules"),
              List.of("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems")));

  private static final List<String> MAIL_DOMAINS =
      List.of("example.com", "example.org", "example.net", "mail.example.com");

  private static final List<String> UTM_SOURCES =
      List.of("google", "newsletter", "instagram", "facebook", "partner-blog");

  private static final List<String> CAMPAIGNS =
      List.of("spring-sale", "new-arrivals", "loyalty-week", "free-shipping", "back-to-school");

  private static final List<String> SEARCH_QUERIES =
      List.of(
          "lamp",
          "coffee",
          "yoga mat",
          "headphones",
          "blanket",
          "garden chair",
          "knife",
          "candle",
          "running shoes",
          "charger");

  private record Device(String type, String os, String browser, int weight) {}

  private static final List<Device> DEVICES =
      List.of(
          new Device("mobile", "iOS", "Safari", 24),
          new Device("mobile", "Android", "Chrome", 28),
          new Device("desktop", "Windows", "Chrome", 18),
          new Device("desktop", "Windows", "Edge", 7),
          new Device("desktop", "macOS", "Safari", 9),
          new Device("desktop", "macOS", "Firefox", 4),
          new Device("desktop", "Linux", "Firefox", 2),
          new Device("tablet", "iPadOS", "Safari", 6),
          new Device("tablet", "Android", "Chrome", 2));

  private final long seed;
  private final Instant now;

  /**
   * @param seed fixes every random choice
   * @param now the end of the 90 days the timestamps fall in
   */
  public SampleDataGenerator(long seed, Instant now) {
    this.seed = seed;
    this.now = Objects.requireNonNull(now, "now").truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * The rows of every product of the example mesh: the catalogue and the customers first, since
   * orders and events refer to them.
   */
  public List<SampleTable> generate() {
    // One generator per table: changing how one table is made leaves the others as they were.
    List<Map<String, Object>> products = products(new Random(seed));
    List<Map<String, Object>> customers = customers(new Random(seed + 1));
    List<Map<String, Object>> orders = orders(new Random(seed + 2), products, customers);
    List<Map<String, Object>> events = webEvents(new Random(seed + 3), products, customers);
    return List.of(
        new SampleTable("sales", "products", products),
        new SampleTable("customers", "profiles", customers),
        new SampleTable("sales", "orders", orders),
        new SampleTable("marketing", "web_events", events));
  }

  private List<Map<String, Object>> products(Random random) {
    List<Map<String, Object>> rows = new ArrayList<>();
    int perCategory = PRODUCT_COUNT / CATEGORIES.size();
    for (Category category : CATEGORIES) {
      for (int index = 0; index < perCategory; index++) {
        String base = category.products().get(index % category.products().size());
        // Each round through the category's products takes the next three colours, so no two
        // products share a name.
        int round = index / category.products().size();
        String variant = VARIANTS.get((round * 3 + random.nextInt(3)) % VARIANTS.size());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(
            "sku", "%s-%04d".formatted(category.skuPrefix(), 10 + index * 7 + random.nextInt(7)));
        row.put("name", base + ", " + variant);
        row.put("category", category.name());
        row.put("price", price(random, category.minimumPrice(), category.maximumPrice()));
        row.put("active", random.nextInt(100) < 92);
        rows.add(row);
      }
    }
    return rows;
  }

  /** A shop price: whole euros ending in .99, .49 or .00, as merchandisers set them. */
  private static BigDecimal price(Random random, int minimum, int maximum) {
    int euros = minimum + random.nextInt(maximum - minimum + 1);
    String cents = List.of("99", "99", "49", "00").get(random.nextInt(4));
    return new BigDecimal(euros + "." + cents);
  }

  private List<Map<String, Object>> customers(Random random) {
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> emails = new HashSet<>();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    for (int index = 0; index < CUSTOMER_COUNT; index++) {
      Country country = weighted(random, COUNTRIES, Country::weight);
      String first = pick(random, country.firstNames());
      String last = pick(random, country.lastNames());
      long customerId = 10_001L + index;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("customer_id", customerId);
      String email = email(first, last, customerId, random);
      if (!emails.add(email)) {
        // An address signs one account in: a namesake gets the account number in theirs.
        email = email.replace("@", "." + customerId + "@");
        emails.add(email);
      }
      row.put("email", email);
      row.put(
          "phone",
          random.nextInt(100) < 80
              ? "%s%d %07d"
                  .formatted(country.phonePrefix(), random.nextInt(10), random.nextInt(10_000_000))
              : null);
      row.put("full_name", first + " " + last);
      row.put("country", country.code());
      // Accounts from the last three years, more of them recent as the shop grew.
      int daysAgo = (int) (Math.pow(random.nextDouble(), 1.6) * 3 * 365);
      row.put("signup_date", today.minusDays(daysAgo));
      int tier = random.nextInt(100);
      row.put(
          "loyalty_tier",
          tier < 55 ? "bronze" : tier < 83 ? "silver" : tier < 96 ? "gold" : "platinum");
      rows.add(row);
    }
    return rows;
  }

  private static String email(String first, String last, long customerId, Random random) {
    String local =
        ascii(first)
            + (random.nextBoolean() ? "." : "_")
            + ascii(last)
            + (random.nextInt(3) == 0 ? Long.toString(customerId % 100) : "");
    return local + "@" + MAIL_DOMAINS.get(random.nextInt(MAIL_DOMAINS.size()));
  }

  /** A name as the local part of an address: lower case, no accents, spaces or apostrophes. */
  private static String ascii(String name) {
    String plain =
        java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replace("ł", "l")
            .toLowerCase(Locale.ROOT);
    return plain.replaceAll("[^a-z]", "");
  }

  private List<Map<String, Object>> orders(
      Random random, List<Map<String, Object>> products, List<Map<String, Object>> customers) {
    List<Map<String, Object>> sellable =
        products.stream().filter(product -> (Boolean) product.get("active")).toList();
    List<Instant> times = new ArrayList<>();
    for (int index = 0; index < ORDER_COUNT; index++) {
      times.add(shoppingTime(random));
    }
    // Order numbers grow with time, as the shop hands them out.
    times.sort(Comparator.naturalOrder());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int index = 0; index < ORDER_COUNT; index++) {
      Instant orderedAt = times.get(index);
      Map<String, Object> customer = customerSignedUpBefore(random, customers, orderedAt);
      Country country = country((String) customer.get("country"));
      List<Map<String, Object>> lines = new ArrayList<>();
      BigDecimal amount = BigDecimal.ZERO.setScale(2);
      int lineCount = 1 + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 4);
      List<Object> chosen = new ArrayList<>();
      while (lines.size() < lineCount) {
        Map<String, Object> product = pick(random, sellable);
        if (chosen.contains(product.get("sku"))) {
          continue;
        }
        chosen.add(product.get("sku"));
        int quantity = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
        BigDecimal unitPrice =
            ((BigDecimal) product.get("price"))
                .multiply(random.nextInt(10) == 0 ? new BigDecimal("0.90") : BigDecimal.ONE)
                .multiply(country.eurRate())
                .setScale(2, RoundingMode.HALF_UP);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", product.get("sku"));
        line.put("quantity", quantity);
        line.put("unit_price", unitPrice);
        lines.add(line);
        amount = amount.add(unitPrice.multiply(BigDecimal.valueOf(quantity)));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("order_id", 100_001L + index);
      row.put("customer_id", customer.get("customer_id"));
      row.put("ordered_at", orderedAt);
      row.put("status", status(random, Duration.between(orderedAt, now)));
      row.put("amount", amount);
      row.put("currency", country.currency());
      row.put("lines", lines);
      rows.add(row);
    }
    return rows;
  }

  /**
   * Older orders have travelled further: placed and paid ones are recent, most old ones delivered.
   */
  private static String status(Random random, Duration age) {
    int roll = random.nextInt(100);
    if (age.toDays() < 1) {
      return roll < 30 ? "placed" : roll < 85 ? "paid" : roll < 97 ? "shipped" : "cancelled";
    }
    if (age.toDays() < 5) {
      return roll < 5 ? "paid" : roll < 60 ? "shipped" : roll < 95 ? "delivered" : "cancelled";
    }
    return roll < 88 ? "delivered" : roll < 94 ? "returned" : "cancelled";
  }

  private static Map<String, Object> customerSignedUpBefore(
      Random random, List<Map<String, Object>> customers, Instant time) {
    LocalDate day = LocalDate.ofInstant(time, ZoneOffset.UTC);
    while (true) {
      Map<String, Object> customer = pick(random, customers);
      if (!((LocalDate) customer.get("signup_date")).isAfter(day)) {
        return customer;
      }
    }
  }

  private List<Map<String, Object>> webEvents(
      Random random, List<Map<String, Object>> products, List<Map<String, Object>> customers) {
    List<Map<String, Object>> rows = new ArrayList<>();
    while (rows.size() < WEB_EVENT_COUNT) {
      rows.addAll(session(random, products, customers));
    }
    List<Map<String, Object>> events = new ArrayList<>(rows.subList(0, WEB_EVENT_COUNT));
    events.sort(Comparator.comparing(event -> (Instant) event.get("event_time")));
    return events;
  }

  /** One visit: a landing page, some browsing and searching, and sometimes a purchase. */
  private List<Map<String, Object>> session(
      Random random, List<Map<String, Object>> products, List<Map<String, Object>> customers) {
    String sessionId = uuid(random).toString();
    Device device = weighted(random, DEVICES, Device::weight);
    Map<String, Object> deviceValue = new LinkedHashMap<>();
    deviceValue.put("type", device.type());
    deviceValue.put("os", device.os());
    deviceValue.put("browser", device.browser());
    // At least an hour before now: a session's events span half an hour at most.
    Instant time = shoppingTime(random);
    Long customerId = null;
    if (random.nextInt(100) < 40) {
      Map<String, Object> customer = customerSignedUpBefore(random, customers, time);
      customerId = (Long) customer.get("customer_id");
    }

    List<Map<String, Object>> events = new ArrayList<>();
    Map<String, String> landing = new LinkedHashMap<>();
    if (random.nextInt(100) < 45) {
      landing.put("utm_source", pick(random, UTM_SOURCES));
      landing.put("utm_medium", random.nextBoolean() ? "cpc" : "email");
      landing.put("utm_campaign", pick(random, CAMPAIGNS));
    }
    Map<String, Object> landingProduct = pick(random, products);
    String landingUrl =
        random.nextBoolean()
            ? SHOP + "/"
            : SHOP + "/c/" + ((String) landingProduct.get("category")).toLowerCase(Locale.ROOT);
    events.add(
        event(random, sessionId, time, customerId, "page_view", landingUrl, deviceValue, landing));

    Map<String, Object> basket = null;
    int browsing = 1 + random.nextInt(6);
    for (int step = 0; step < browsing; step++) {
      time = time.plusSeconds(8 + random.nextInt(120));
      if (random.nextInt(100) < 25) {
        events.add(
            event(
                random,
                sessionId,
                time,
                customerId,
                "search",
                SHOP + "/search",
                deviceValue,
                Map.of("query", pick(random, SEARCH_QUERIES))));
        continue;
      }
      Map<String, Object> product = pick(random, products);
      String sku = (String) product.get("sku");
      events.add(
          event(
              random,
              sessionId,
              time,
              customerId,
              "product_view",
              SHOP + "/p/" + sku,
              deviceValue,
              Map.of("sku", sku)));
      if (random.nextInt(100) < 22) {
        time = time.plusSeconds(5 + random.nextInt(40));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sku", sku);
        properties.put("quantity", Integer.toString(1 + random.nextInt(2)));
        events.add(
            event(
                random,
                sessionId,
                time,
                customerId,
                "add_to_cart",
                SHOP + "/p/" + sku,
                deviceValue,
                properties));
        basket = product;
      }
    }
    if (basket != null && random.nextInt(100) < 55) {
      time = time.plusSeconds(30 + random.nextInt(180));
      events.add(
          event(
              random,
              sessionId,
              time,
              customerId,
              "checkout",
              SHOP + "/checkout",
              deviceValue,
              Map.of("step", "payment")));
      if (random.nextInt(100) < 70) {
        time = time.plusSeconds(20 + random.nextInt(90));
        events.add(
            event(
                random,
                sessionId,
                time,
                customerId,
                "purchase",
                SHOP + "/checkout/confirmation",
                deviceValue,
                Map.of("payment_method", random.nextBoolean() ? "card" : "paypal")));
      }
    }
    return events;
  }

  private static Map<String, Object> event(
      Random random,
      String sessionId,
      Instant time,
      Long customerId,
      String type,
      String url,
      Map<String, Object> device,
      Map<String, String> properties) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("event_id", uuid(random).toString());
    row.put("event_time", time.plusMillis(random.nextInt(1000)));
    row.put("session_id", sessionId);
    row.put("customer_id", customerId);
    row.put("event_type", type);
    row.put("page_url", url);
    row.put("device", device);
    row.put("properties", new LinkedHashMap<>(properties));
    return row;
  }

  /**
   * A moment in the last 90 days, more often in the evening as shoppers browse after work, and more
   * often recently as the shop grows.
   */
  private Instant shoppingTime(Random random) {
    long days = HISTORY.toDays();
    long daysAgo = (long) (Math.pow(random.nextDouble(), 1.2) * days);
    int hour = weighted(random, HOURS_OF_DAY, hourOfDay -> SHOPPERS_BY_HOUR[hourOfDay]);
    Instant time =
        now.truncatedTo(ChronoUnit.DAYS)
            .minus(Duration.ofDays(daysAgo))
            .plus(Duration.ofHours(hour))
            .plusSeconds(random.nextInt(3600));
    // Today's evening has not happened yet: fold it back a day, keeping the hour.
    return time.isAfter(now.minusSeconds(3600)) ? time.minus(Duration.ofDays(1)) : time;
  }

  /** A version 4 UUID from the seeded generator, unlike UUID.randomUUID(). */
  private static UUID uuid(Random random) {
    long most = (random.nextLong() & ~0xF000L) | 0x4000L;
    long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least);
  }

  private static Country country(String code) {
    return COUNTRIES.stream()
        .filter(country -> country.code().equals(code))
        .findFirst()
        .orElseThrow();
  }

  private static <T> T pick(Random random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static <T> T weighted(
      Random random, List<T> choices, java.util.function.ToIntFunction<T> weight) {
    int total = choices.stream().mapToInt(weight).sum();
    int roll = random.nextInt(total);
    for (T choice : choices) {
      roll -= weight.applyAsInt(choice);
      if (roll < 0) {
        return choice;
      }
    }
    throw new IllegalStateException("weights must be positive");
  }
}
