package dev.portreg.request;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Store the lifecycle enums by their slugs, the values the database's CHECKs list. */
final class Converters {

    private Converters() {}

    @Converter
    static class StateConverter implements AttributeConverter<RequestState, String> {
        @Override
        public String convertToDatabaseColumn(RequestState s) {
            return s == null ? null : s.slug();
        }

        @Override
        public RequestState convertToEntityAttribute(String s) {
            return s == null ? null : RequestState.parse(s).orElseThrow();
        }
    }

    @Converter
    static class KindConverter implements AttributeConverter<RequestKind, String> {
        @Override
        public String convertToDatabaseColumn(RequestKind k) {
            return k == null ? null : k.slug;
        }

        @Override
        public RequestKind convertToEntityAttribute(String s) {
            return s == null ? null : RequestKind.parse(s).orElseThrow();
        }
    }

    @Converter
    static class TrackConverter implements AttributeConverter<Track, String> {
        @Override
        public String convertToDatabaseColumn(Track t) {
            return t == null ? null : t.slug();
        }

        @Override
        public Track convertToEntityAttribute(String s) {
            return s == null ? null : Track.parse(s).orElseThrow();
        }
    }

    @Converter
    static class EventKindConverter implements AttributeConverter<EventKind, String> {
        @Override
        public String convertToDatabaseColumn(EventKind k) {
            return k == null ? null : k.slug;
        }

        @Override
        public EventKind convertToEntityAttribute(String s) {
            return s == null ? null : EventKind.parse(s).orElseThrow();
        }
    }
}
