package io.nobill.jdbc.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.nobill.core.money.Money;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of the core's nested values (invoice lines, schedules, overrides, outbound
 * events, audit before/after maps), stored in text columns beside the columns that are
 * queried. Records map by their components; every sealed hierarchy is written with its
 * subtype's simple name under {@code "@type"}, so the core needs no Jackson annotations; money
 * is {@code {"minor": 1234, "currency": "EUR"}}; instants are ISO-8601 with nanoseconds.
 */
public final class Json {
  private final ObjectMapper mapper;

  public Json() {
    SimpleModule money = new SimpleModule("nobill-money");
    money.addSerializer(Money.class, new JsonSerializer<>() {
      @Override
      public void serialize(Money value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField("minor", value.minorUnits());
        gen.writeStringField("currency", value.currency().getCurrencyCode());
        gen.writeEndObject();
      }
    });
    money.addDeserializer(Money.class, new JsonDeserializer<>() {
      @Override
      public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = p.getCodec().readTree(p);
        return Money.of(node.get("minor").longValue(), node.get("currency").textValue());
      }
    });
    mapper = JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(money)
        .annotationIntrospector(new SealedHierarchies())
        // A parse error's location would quote the stored body, personal data and all, into logs.
        .disable(com.fasterxml.jackson.core.StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.AUTO_DETECT_GETTERS)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
        .build();
  }

  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /**
   * Writes a list with its element type, so each element of a sealed type carries its type
   * name (erasure would otherwise lose it).
   */
  public <T> String writeList(List<T> values, TypeReference<List<T>> type) {
    try {
      return mapper.writerFor(type).writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a list as JSON", e);
    }
  }

  public <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored " + type.getName() + ": " + e.getOriginalMessage(), e);
    }
  }

  public <T> T read(String json, TypeReference<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored " + type.getType() + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Writes every sealed hierarchy with a type name, found from the permitted subclasses. */
  private static final class SealedHierarchies extends JacksonAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
      if (polymorphic(baseType.getRawClass())) {
        return new StdTypeResolverBuilder(JsonTypeInfo.Value.construct(JsonTypeInfo.Id.NAME, JsonTypeInfo.As.PROPERTY,
            "@type", null, false, null));
      }
      return super.findTypeResolver(config, ac, baseType);
    }

    @Override
    public List<NamedType> findSubtypes(Annotated a) {
      Class<?> raw = a.getRawType();
      if (raw.isSealed()) {
        List<NamedType> subtypes = new ArrayList<>();
        collect(raw, subtypes);
        return subtypes;
      }
      return super.findSubtypes(a);
    }

    @Override
    public String findTypeName(AnnotatedClass ac) {
      return polymorphic(ac.getRawType()) ? ac.getRawType().getSimpleName() : super.findTypeName(ac);
    }

    private static void collect(Class<?> sealed, List<NamedType> into) {
      for (Class<?> sub : sealed.getPermittedSubclasses()) {
        into.add(new NamedType(sub, sub.getSimpleName()));
        if (sub.isSealed()) {
          collect(sub, into);
        }
      }
    }

    private static boolean polymorphic(Class<?> type) {
      if (type == null || type == Object.class || type.isEnum()) {
        return false;
      }
      if (type.isSealed()) {
        return true;
      }
      for (Class<?> i : type.getInterfaces()) {
        if (polymorphic(i)) {
          return true;
        }
      }
      return polymorphic(type.getSuperclass());
    }
  }
}
