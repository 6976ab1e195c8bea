package ratelimit

import (
	"sync"
	"time"
)

// Bucket is a token bucket: it refills at rate tokens per second up to capacity.
type Bucket struct {
	mu       sync.Mutex
	capacity float64
	tokens   float64
	rate     float64
	last     time.Time
	now      func() time.Time
}

// NewBucket returns a full bucket.
func NewBucket(capacity, rate float64, now func() time.Time) *Bucket {
	return &Bucket{capacity: capacity, tokens: capacity, rate: rate, last: now(), now: now}
}

// Allow takes one token if available and reports whether it did.
func (b *Bucket) Allow() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	t := b.now()
	b.tokens += t.Sub(b.last).Seconds() * b.rate
	if b.tokens > b.capacity {
		b.tokens = b.capacity
	}
	b.last = t
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
